// Sandbox: fake Bot API server
