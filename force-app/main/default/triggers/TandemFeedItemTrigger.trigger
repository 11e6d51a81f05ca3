trigger TandemFeedItemTrigger on FeedItem(after insert, after update, after delete) {
  TandemCaptureHandler.capture(Trigger.isDelete ? Trigger.old : Trigger.new);
}
