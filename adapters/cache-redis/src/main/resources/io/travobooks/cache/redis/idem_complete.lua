-- KEYS[1] record; ARGV[1] the running record the caller's claim set, ARGV[2] the completed record, ARGV[3] ttl in ms.
-- Only the holder of a running claim may complete it; a lapsed claim may already belong to someone else, or to a
-- node of an earlier release, which keeps its records as hashes. GET refuses a hash with WRONGTYPE, which pcall
-- hands back as a table, never equal to ARGV[1]: one command instead of asking the record's TYPE first. Any other
-- refusal goes back to the caller as the error it is.
local record = redis.pcall('GET', KEYS[1])
if type(record) == 'table' and not string.find(record.err, 'WRONGTYPE', 1, true) then
  return record
end
if record ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
