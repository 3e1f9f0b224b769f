# Sourced by .ci/run and bench/run: makes sure MariaDB and Redis run, creates the test user through the local
# socket, and exports the variables tests and benchmarks read.

if ! mariadb-admin -uroot ping >/dev/null 2>&1; then
  echo "starting MariaDB"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  for _ in $(seq 1 60); do mariadb-admin -uroot ping >/dev/null 2>&1 && break; sleep 1; done
fi
mariadb -uroot <<'SQL'
CREATE USER IF NOT EXISTS 'travo'@'127.0.0.1' IDENTIFIED BY 'travo';
CREATE USER IF NOT EXISTS 'travo'@'localhost' IDENTIFIED BY 'travo';
GRANT ALL PRIVILEGES ON *.* TO 'travo'@'127.0.0.1';
GRANT ALL PRIVILEGES ON *.* TO 'travo'@'localhost';
FLUSH PRIVILEGES;
SQL

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done
fi

export TRAVO_TEST_MYSQL_URL="${TRAVO_TEST_MYSQL_URL:-jdbc:mysql://127.0.0.1:3306/}"
export TRAVO_TEST_MYSQL_USER="${TRAVO_TEST_MYSQL_USER:-travo}"
export TRAVO_TEST_MYSQL_PASSWORD="${TRAVO_TEST_MYSQL_PASSWORD:-travo}"
export TRAVO_TEST_REDIS_URL="${TRAVO_TEST_REDIS_URL:-redis://127.0.0.1:6379}"
