-- GCRA for several permits at once, mirroring io.travobooks.spi.ratelimit.Gcra.stepUpTo. KEYS[1] theoretical
-- arrival time (microseconds); ARGV[1] burst, ARGV[2] emission interval in microseconds, ARGV[3] permits wanted.
-- Returns {granted, remaining, retry after in microseconds}.
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000000 + tonumber(now_parts[2])
local burst = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local wanted = tonumber(ARGV[3])
local stored = tonumber(redis.call('GET', KEYS[1]) or '0')
local tat = math.max(stored, now)
local ceiling = now + burst * interval
local fits = 0
if ceiling >= tat then
  fits = math.floor((ceiling - tat) / interval)
end
local granted = math.min(wanted, fits)
local new_tat = tat + granted * interval
if granted > 0 then
  redis.call('SET', KEYS[1], string.format('%.0f', new_tat), 'PX', math.floor((new_tat - now) / 1000) + 1)
end
if granted == wanted then
  return {granted, math.floor((ceiling - new_tat) / interval), 0}
end
return {granted, 0, new_tat + interval - ceiling}
