-- KEYS[1] record; ARGV[1] the running record the caller's claim set. Forgets it so that the next request runs again.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
