#!/bin/sh
echo "hello from the sample app, built on $(cat /app/built-on)"
