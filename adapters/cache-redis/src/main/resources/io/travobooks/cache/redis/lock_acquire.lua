-- KEYS[1] lock, KEYS[2] fencing counter (same hash tag); ARGV[1] owner, ARGV[2] lease in ms.
-- Returns the new fencing token, or 0 when the lock is held. The counter never expires, so tokens only grow.
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('INCR', KEYS[2])
end
return 0
