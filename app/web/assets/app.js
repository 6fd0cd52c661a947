// swelltrack's pages work without this file; it only adds small conveniences.
"use strict";
