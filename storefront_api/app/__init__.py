"""Apps and webhooks: `apps`, `app`, `webhook`, `appCreate`, `webhookCreate`, ... (Saleor names)."""
