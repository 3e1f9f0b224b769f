-- GCRA, mirroring io.travobooks.spi.ratelimit.Gcra. KEYS[1] theoretical arrival time (microseconds);
-- ARGV[1] burst, ARGV[2] emission interval in microseconds. The server's clock is the only clock, so clients
-- with skewed clocks still share one bucket fairly. Returns {allowed 0|1, remaining, retry after in microseconds}.
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000000 + tonumber(now_parts[2])
local burst = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local stored = tonumber(redis.call('GET', KEYS[1]) or '0')
local tat = math.max(stored, now)
local new_tat = tat + interval
local allow_at = new_tat - burst * interval
if now < allow_at then
  return {0, 0, allow_at - now}
end
redis.call('SET', KEYS[1], string.format('%.0f', new_tat), 'PX', math.floor((new_tat - now) / 1000) + 1)
return {1, math.floor((now - allow_at) / interval), 0}
