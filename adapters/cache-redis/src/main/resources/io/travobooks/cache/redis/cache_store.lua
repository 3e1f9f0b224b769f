-- KEYS[1] cached value, KEYS[2] the key's generation (same hash tag); ARGV[1] the generation read before the
-- load began, ARGV[2] value, ARGV[3] ttl in ms. Stores the value only if no invalidation came in between, so a
-- load that read the source before an invalidation cannot put its stale value back. Returns 1 when stored.
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
