-- KEYS[1] session. Returns the session's fields and restarts its idle timeout, or nothing when it is gone.
local fields = redis.call('HGETALL', KEYS[1])
if #fields == 0 then
  return fields
end
redis.call('PEXPIRE', KEYS[1], redis.call('HGET', KEYS[1], 'm:idle'))
return fields
