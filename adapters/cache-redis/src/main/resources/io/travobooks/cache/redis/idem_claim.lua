-- KEYS[1] record; ARGV[1] fingerprint, ARGV[2] owner, ARGV[3] claim timeout in ms.
-- A record is a hash: state (running|done), fp, owner, and once done status and body.
local record = redis.call('HMGET', KEYS[1], 'state', 'fp', 'status', 'body')
if not record[1] then
  redis.call('HSET', KEYS[1], 'state', 'running', 'fp', ARGV[1], 'owner', ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return {'acquired'}
end
if record[2] ~= ARGV[1] then
  return {'mismatch'}
end
if record[1] == 'running' then
  return {'in_progress'}
end
return {'replay', record[3], record[4]}
