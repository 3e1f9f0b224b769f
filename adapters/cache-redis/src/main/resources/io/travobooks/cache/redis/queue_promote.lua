-- KEYS[1] delayed set, KEYS[2] stream (same hash tag); ARGV[1] most to move.
-- Moves due jobs into the stream. The script runs atomically: a job is added and removed together, so a mover
-- that dies cannot lose or duplicate one.
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000000 + tonumber(now_parts[2])
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now), 'LIMIT', 0, tonumber(ARGV[1]))
for _, member in ipairs(due) do
  local cut = string.find(member, '\n', 1, true)
  redis.call('XADD', KEYS[2], '*', 'p', string.sub(member, cut + 1))
  redis.call('ZREM', KEYS[1], member)
end
return #due
