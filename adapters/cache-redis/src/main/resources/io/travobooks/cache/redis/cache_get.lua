-- KEYS[1] cached value. Returns {value, remaining ttl in ms}, or nothing on a miss.
local value = redis.call('GET', KEYS[1])
if not value then
  return {}
end
return {value, redis.call('PTTL', KEYS[1])}
