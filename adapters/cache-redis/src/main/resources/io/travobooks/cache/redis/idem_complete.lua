-- KEYS[1] record; ARGV[1] owner, ARGV[2] status, ARGV[3] body, ARGV[4] record ttl in ms.
-- Only the holder of a running claim may complete it; a lapsed claim may already belong to someone else.
local record = redis.call('HMGET', KEYS[1], 'state', 'owner')
if record[1] ~= 'running' or record[2] ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'state', 'done', 'status', ARGV[2], 'body', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
