"""A read-only OParl 1.1 API of what is public: /api/oparl/v1.1/.

The portal is one OParl System with one Body, "Region Örebro län och länets
kommuner". Its Organizations are the bodies that meet (organizationType
"Gremium") and the member organisations the members represent ("Institution").
Persons (with their Memberships embedded), Memberships, Meetings (once the
kallelse is sent, with their Location, kallelse and public AgendaItems
embedded), public AgendaItems, Locations and every public File follow. A Meeting whose public protokoll has a final signed PDF
that the public may download links it as `resultsProtocol`, with its SHA-512
(`sha512Checksum`) and, as a vendor extension, its SHA-256.

`created` and `modified` come from the history tables: the first and the last
history row of each object, read for a whole page in one aggregated query per
model (never a subquery per row). Lists are paginated and take
`created_since`, `created_until`, `modified_since`, `modified_until` and
`limit`; a page costs the same number of queries whatever its size.

`api` holds the API's URLs and common fields, `history` the dates and the
filters, `public` what the public may see, `objects` how each OParl type is
written, `files` the Files and their list, `views` the endpoints and `urls`
their paths.
"""
