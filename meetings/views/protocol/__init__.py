"""The protokoll's pages, one module per step, named like the services they call.

- `access`: finding the protokoll and who may see or edit it;
- `overview`: the secretary's overview and "Skriv protokoll";
- `drafting`: the editor; `attendance`: attendance for the protokoll;
- `preview`: the protokoll as it will read, and the draft PDF;
- `review`: the read-only page where the work of justering happens;
- `justering`: sending for justering, ändringsförslag, justera;
- `publishing`, `correction`, `history`: publish, rättelse, what changed;
- `public`: the published protokoll, the list and the anslagstavla;
- `extract`: protokollsutdrag; `verification`: /verifiera/.
"""
