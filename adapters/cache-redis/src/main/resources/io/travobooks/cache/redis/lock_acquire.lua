-- KEYS[1] lock, KEYS[2] fencing counter (same hash tag); ARGV[1] owner, ARGV[2] lease in ms.
-- Returns the new fencing token, or 0 when the lock is held. A token is the larger of the last one plus one and
-- the server's clock in microseconds, so tokens keep growing when Redis lost the counter (a restart without
-- persistence; a fail-over to a stale replica whose clock is not behind) and a fenced row in the database does not
-- refuse the next holder.
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local time = redis.call('TIME')
  local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
  local token = math.max(tonumber(redis.call('GET', KEYS[2]) or '0') + 1, now)
  redis.call('SET', KEYS[2], string.format('%.0f', token))
  return token
end
return 0
