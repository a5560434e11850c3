"""``--change`` of ``docker commit`` and ``docker import``: Dockerfile instructions applied to
an image config, as moby's ``BuildFromConfig`` does (builder/dockerfile/builder.go).

The changes are joined with newlines and parsed as one Dockerfile; every instruction must be
one of ``validCommitCommands`` (else ``<word> is not a valid change command``, the word as
the parser lower-cases it); each is then parsed (flags, arguments: the parser's error alone,
without a line number) and dispatched on a copy of the config: variables expand from the
config's Env, ENV replaces in place or appends, LABEL/EXPOSE/VOLUME add, CMD/ENTRYPOINT in
shell form run through the config's Shell (an ENTRYPOINT clears a Cmd no earlier change
set), WORKDIR resolves against the current one, ONBUILD appends its trigger.  The builder's
own dispatch does the work (``Builder.apply_to_config``), so a Dockerfile and a change agree.
"""
from __future__ import annotations

import copy

from ..errors import InvalidParameter

#: moby builder/dockerfile/builder.go validCommitCommands
VALID_COMMIT_COMMANDS = ("cmd", "entrypoint", "healthcheck", "env", "expose", "label", "onbuild",
                         "user", "volume", "workdir")


class ChangeNotSimulated(InvalidParameter):
    """A change the simulator refuses in one line (a flag it does not carry out)."""


def build_from_config(builder, config: dict, changes: list[str]) -> dict:
    """The config after ``changes`` (moby BuildFromConfig); ``config`` is left as it was."""
    if not changes:
        return copy.deepcopy(config)
    text = "\n".join(changes)
    for word in builder.instruction_words(text):
        if word not in VALID_COMMIT_COMMANDS:
            raise InvalidParameter(f"{word} is not a valid change command")
    try:
        cfg = builder.apply_to_config(config, text)
    except InvalidParameter as e:
        if e.message.startswith("dockstore-magic: "):
            raise ChangeNotSimulated(e.message) from None
        raise
    return cfg
