#!/bin/sh
echo "greeting=$GREETING mode=$MODE"
echo "dotenv=$FROM_DOTENV defaulted=$DEFAULTED empty_defaulted=$EMPTY_DEFAULTED dollars=$DOLLARS file=$FILE_VAR"
echo "pwd=$(pwd) built=$(cat /app/built.txt)"
cat /data/in.txt
cat /data-long/in.txt
[ -d /scratch ] && echo "anonymous volume at /scratch"
echo "a warning on stderr" >&2
if [ "$MODE" = fail ]; then
  echo "failing on purpose" >&2
  exit 3
fi
echo "all passed"
