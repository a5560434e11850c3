"""What the Docker CLI and engine get from Go's standard library (and the two small Go
libraries docker/cli formats with), ported once for the whole package: messages, tables,
``--format`` output and stored JSON come out byte for byte as Go writes them.

| module | Go |
|---|---|
| ``strconv`` | ``Quote``, ``QuoteRune``, ``ParseInt``/``ParseUint``/``ParseFloat``/``ParseBool`` and their errors |
| ``time`` | ``time.ParseDuration`` |
| ``csv`` | ``encoding/csv`` Reader (one record) |
| ``values`` | Go values as Python data: structs, typed maps, typed nils, ``<no value>`` |
| ``fmt`` | ``fmt.Sprint``/``Sprintln``/``Sprintf``; ``%g`` |
| ``json`` | ``encoding/json``: ``Marshal``, ``MarshalIndent``, ``json.Marshaler`` |
| ``template`` | ``text/template``: lexer, parser, executor, builtins |
| ``tabwriter`` | ``text/tabwriter`` as docker/cli carries it, with go-runewidth widths |

Nothing here imports from the rest of the package."""
