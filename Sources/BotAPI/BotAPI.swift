// Bot API models and methods (placeholder until filled in).
