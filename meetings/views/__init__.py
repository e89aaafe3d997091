"""Views of the meetings app: public pages and feeds, the secretary's planning,
and the members' Mina möten."""
