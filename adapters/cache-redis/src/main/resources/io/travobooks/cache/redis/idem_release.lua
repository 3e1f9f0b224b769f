-- KEYS[1] record; ARGV[1] the running record the caller's claim set. Forgets it so that the next request runs again.
-- A record of another type belongs to a node of an earlier release, never to this caller.
if redis.call('TYPE', KEYS[1])['ok'] == 'string' and redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
