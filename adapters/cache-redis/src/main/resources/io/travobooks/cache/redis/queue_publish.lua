-- KEYS[1] stream; ARGV payloads. Appends them in order in one atomic step (all or none); returns their ids.
local ids = {}
for i = 1, #ARGV do
  ids[i] = redis.call('XADD', KEYS[1], '*', 'p', ARGV[i])
end
return ids
