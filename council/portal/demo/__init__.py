"""The demo data of `manage.py load_demo` (`make run`): the facts of the two public
source documents (`data`) and the idempotent loading of them (`load`)."""
