-- KEYS[1] cached value, KEYS[2] the key's generation (same hash tag). Drops the value and starts a new
-- generation, which loads still running under the old one see when they try to store. The generation outlives
-- any load (a day).
redis.call('DEL', KEYS[1])
redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], 86400000)
return 1
