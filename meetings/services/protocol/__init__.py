"""The protokoll's writes, one module per step of its way to a published record.

```
                 ändringsförslag (justering.protocol_comment)
              ┌──────────────────────────────────────────────┐
              ▼                                              │
   ┌──────────────┐ justering.protocol_send_to_justering ┌──────────────┐
   │    utkast    │─────────────────────────────────────▶│ för justering │
   └──────────────┘  numbers fixed (numbering), PDF      └──────────────┘
     drafting          rendered and signed "Vid                 │ justering.protocol_justera
     attendance        protokollet" (record)                    │ by each required signer;
     editor                                                     │ the last one locks it
                                                                ▼
   ┌──────────────┐ publishing.protocol_publish          ┌──────────────┐
   │  publicerat  │◀─────────────────────────────────────│   justerat    │
   └──────────────┘  no personnummer; anslag              └──────────────┘
                                                                │ correction.protocol_correct
                                                                ▼
                                           a new utkast, version n + 1, with a reason
```

- `drafting`: start the protokoll from the dagordning, save the editor, add, move
  and remove paragraphs, uppdrag in a paragraph;
- `attendance`: who was there, as the protokoll records it;
- `editor`: one save of the editor page (text, bilagor, uppdrag and the button
  that was pressed) as a single use case;
- `numbering`: § numbers, fixed at sending and never reused;
- `justering`: sending for justering, ändringsförslag, each signer's justering;
- `publishing`: publishing a justerat protokoll, with its anslag;
- `correction`: a rättelse, a new version of a justerat protokoll;
- `record`: the signed PDF/A of record, from the first signature to final;
- `extract`: protokollsutdrag, one paragraph certified as a copy;
- `notifications`: e-mail to the signers and the secretary, and reminders;
- `base`: what every write shares (locking, the draft-only rule, the version check).

A justerat or published protokoll never changes; the transitions are
`Protocol.TRANSITIONS`, checked by `council.workflow`.
"""
