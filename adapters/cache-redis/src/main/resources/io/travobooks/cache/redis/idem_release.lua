-- KEYS[1] record; ARGV[1] owner. Forgets a running claim so that the next request runs again.
local record = redis.call('HMGET', KEYS[1], 'state', 'owner')
if record[1] == 'running' and record[2] == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
