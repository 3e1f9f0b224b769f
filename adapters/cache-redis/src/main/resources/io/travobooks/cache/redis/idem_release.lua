-- KEYS[1] record; ARGV[1] the running record the caller's claim set. Forgets it so that the next request runs again.
-- A record of another type belongs to a node of an earlier release, never to this caller: GET refuses it with
-- WRONGTYPE, which pcall hands back as a table, never equal to ARGV[1]. Any other refusal goes back as the error.
local record = redis.pcall('GET', KEYS[1])
if type(record) == 'table' and not string.find(record.err, 'WRONGTYPE', 1, true) then
  return record
end
if record == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
