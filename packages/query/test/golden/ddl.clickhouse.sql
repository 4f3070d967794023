CREATE TABLE IF NOT EXISTS `events` (
  tenant_id UInt32,
  device_id Nullable(UInt32),
  batch_id Int64,
  seq UInt32,
  received_at DateTime64(3, 'UTC'),
  ts DateTime64(3, 'UTC'),
  format LowCardinality(String),
  parse_error Nullable(String),
  sender LowCardinality(Nullable(String)),
  raw String CODEC(ZSTD(3)),
  raw_bytes Nullable(String),
  doc String CODEC(ZSTD(3)),
  `event.kind` LowCardinality(Nullable(String)),
  `event.action` LowCardinality(Nullable(String)),
  `event.outcome` LowCardinality(Nullable(String)),
  `event.severity` Nullable(Int64),
  `event.dataset` LowCardinality(Nullable(String)),
  `event.code` LowCardinality(Nullable(String)),
  `observer.vendor` LowCardinality(Nullable(String)),
  `observer.product` LowCardinality(Nullable(String)),
  `source.ip` Nullable(String),
  `source.port` Nullable(Int64),
  `destination.ip` Nullable(String),
  `destination.port` Nullable(Int64),
  `network.transport` LowCardinality(Nullable(String)),
  `rule.id` LowCardinality(Nullable(String)),
  `rule.name` LowCardinality(Nullable(String)),
  `user.name` Nullable(String),
  `host.name` Nullable(String),
  `url.original` Nullable(String),
  `source_ip_num` Nullable(UInt128),
  `destination_ip_num` Nullable(UInt128),
  INDEX raw_ngram lower(raw) TYPE ngrambf_v1(3, 65536, 3, 0) GRANULARITY 4,
  INDEX `source_ip_num_minmax` `source_ip_num` TYPE minmax GRANULARITY 4,
  INDEX `destination_ip_num_minmax` `destination_ip_num` TYPE minmax GRANULARITY 4
)
ENGINE = MergeTree
PARTITION BY toYYYYMMDD(ts)
ORDER BY (tenant_id, ts)
TTL toDateTime(ts) + INTERVAL 400 DAY
SETTINGS ttl_only_drop_parts = 1;
