// Runtime: poller and sender
