-- KEYS[1] delayed set; ARGV[1] delay in microseconds, ARGV[2] unique id, ARGV[3] payload.
-- Due times come from the server's clock, the same clock queue_promote reads.
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000000 + tonumber(now_parts[2])
redis.call('ZADD', KEYS[1], string.format('%.0f', now + tonumber(ARGV[1])), ARGV[2] .. '\n' .. ARGV[3])
return 1
