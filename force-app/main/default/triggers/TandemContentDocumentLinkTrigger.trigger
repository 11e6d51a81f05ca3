trigger TandemContentDocumentLinkTrigger on ContentDocumentLink(after insert, after delete) {
  TandemCaptureHandler.capture(Trigger.isDelete ? Trigger.old : Trigger.new);
}
