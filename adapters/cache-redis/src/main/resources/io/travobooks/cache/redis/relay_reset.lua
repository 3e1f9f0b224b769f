-- KEYS[1] relay mark; ARGV[1] the relay's confirmed cursor. After Redis lost data, declares every message up to
-- the cursor settled (all groups had acked it before the loss), so that the relay appends again what follows.
local mark = tonumber(redis.call('GET', KEYS[1]) or '0')
if mark < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1])
  return tonumber(ARGV[1])
end
return mark
