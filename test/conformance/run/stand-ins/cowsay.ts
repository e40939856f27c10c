// The stand-in for `cowsay` (docker/whalesay, argosay:v1): the message in a speech balloon over an animal.

/** A busybox shell `cowsay`: arguments (or stdin) as one balloon line, then a small whale. */
export const COWSAY_SCRIPT = `#!/bin/sh
if [ $# -gt 0 ]; then text="$*"; else text=$(cat); fi
border=$(printf '%s' "$text" | sed 's/./-/g')
printf ' _%s_\\n< %s >\\n -%s-\\n' "$border" "$text" "$border"
cat <<'WHALE'
    \\
     \\
      \\
                    ##        .
              ## ## ##       ==
           ## ## ## ##      ===
       /""""""""""""""""___/ ===
  ~~~ {~~ ~~~~ ~~~ ~~~~ ~~ ~   /  ===- ~~~
       \\______ o          __/
        \\    \\        __/
          \\____\\______/
WHALE
`;
