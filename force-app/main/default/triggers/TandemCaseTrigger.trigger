trigger TandemCaseTrigger on Case(after insert, after update, after undelete) {
  TandemCaptureHandler.capture(Trigger.isDelete ? Trigger.old : Trigger.new);
}
