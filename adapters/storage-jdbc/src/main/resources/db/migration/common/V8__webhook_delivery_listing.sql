-- A tenant's deliveries are listed newest first, of all endpoints or of one.
CREATE INDEX ix_webhook_delivery_listing ON webhook_delivery (partner_id, created_at, delivery_id);
CREATE INDEX ix_webhook_delivery_endpoint ON webhook_delivery (partner_id, endpoint_id, created_at);
