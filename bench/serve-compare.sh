#!/usr/bin/env bash
# Times the live preview: from the moment one entry file is written to the
# moment the server serves the page with the change, for `agora serve` and
# for `hugo server` (every Hugo installed) on the same corpus, and the
# resident memory of `agora serve` before and after a long run of edits.
#
#   bench/serve-compare.sh [-w] [ENTRIES] [EDITS] [LONG]
#        defaults: 10000 entries, 21 timed edits per tool, 200 edits for memory
#   -w   also write the report into the "## Serve" section of bench/RESULTS.md
#
# 1. Copies the corpus (../shared/bench/mkcorpus.py ENTRIES --hugo, written
#    once into $AGORA_BENCH_DIR, default /tmp/agora-bench) to a folder of
#    its own, since the benchmark edits it.
# 2. Starts `agora serve` on it and `hugo server` on its hugo/ site (Hugo
#    renders to memory), each on its own loopback port, and waits until
#    each serves the page of content/members/member-00001.md.
# 3. EDITS times, for each tool in turn (alternating, so that drift on a
#    shared machine hits all tools alike): writes a new first word into
#    that file's body, then asks for the page every 2 ms over one
#    keep-alive connection until it holds the word. One untimed edit per
#    tool first, so that no tool pays for a first render.
# 4. Reads VmRSS of `agora serve` from /proc, makes LONG edits in a row,
#    each served before the next, and reads VmRSS again.
#
# AGORA=path uses a built agora instead of building ./cmd/agora.
# Needs Go, python3 and Hugo: Debian's /usr/bin/hugo (apt-get install hugo)
# and, if present, ~/go/bin/hugo (go install github.com/gohugoio/hugo@v0.160.0)
# and the hugo on PATH, each version once.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
write=false
if [[ ${1:-} == -w ]]; then
	write=true
	shift
fi
entries=${1:-10000}
edits=${2:-21}
long=${3:-200}
gen=$repo/../shared/bench/mkcorpus.py
bench=${AGORA_BENCH_DIR:-/tmp/agora-bench}
corpus=$bench/corpus-$entries
work=$bench/serve-$entries
export AGORA_TODAY=${AGORA_TODAY:-2000-01-01} # nothing overdue, as compare.sh

die() { echo "serve-compare.sh: $*" >&2; exit 2; }
command -v python3 >/dev/null || die "needs python3"

mkdir -p "$bench"
if [[ ! -f $corpus/site.toml || ! -d $corpus/hugo ]]; then
	echo "writing a corpus of $entries entries to $corpus" >&2
	python3 "$gen" "$entries" "$corpus" --hugo
fi
rm -rf "$work"
mkdir -p "$work/site"
cp -r "$corpus/." "$work/site/"
agora=${AGORA:-}
if [[ -z $agora ]]; then
	agora=$work/agora
	(cd "$repo" && go build -o "$agora" ./cmd/agora)
fi

page=members/member-00001/ # the page of the file edited
declare -A cmd file port
cmd[agora]="$agora serve --source $work/site --port 18391"
file[agora]=$work/site/content/members/member-00001.md
port[agora]=18391
next=18392
add_hugo() { # add_hugo BINARY: once per version
	local v
	[[ -x $1 ]] || return 0
	v="hugo-$("$1" version | grep -o 'v0\.[0-9]*\.[0-9]*' | head -1)"
	[[ -z ${cmd[$v]:-} ]] || return 0
	cmd[$v]="$1 server --source $work/site/hugo --bind 127.0.0.1 --port $next"
	file[$v]=$work/site/hugo/content/members/member-00001.md
	port[$v]=$next
	next=$((next + 1))
}
add_hugo /usr/bin/hugo # Debian's
add_hugo "$HOME/go/bin/hugo"
add_hugo "$(command -v hugo || true)"
tools=$(printf '%s\n' "${!cmd[@]}" | sort)

declare -A pid
cleanup() {
	for t in "${!pid[@]}"; do kill "${pid[$t]}" 2>/dev/null || true; done
	wait 2>/dev/null || true
}
trap cleanup EXIT

# The client: one edit, timed from the write to the page served.
cat >"$work/edit.py" <<'EOF'
import http.client, sys, time
port, path, file, orig, marker = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
_, front, body = open(orig, encoding="utf-8").read().split("+++\n", 2)
text = "+++\n" + front + "+++\n\n" + marker + " " + body.lstrip()
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
def page():
    global conn
    try:
        conn.request("GET", path)
        return conn.getresponse().read().decode("utf-8", "replace")
    except Exception:
        conn.close()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        return ""
start = time.perf_counter()
with open(file, "w", encoding="utf-8") as f:
    f.write(text)
while marker not in page():
    if time.perf_counter() - start > 60:
        sys.exit("no page with %s after 60 s" % marker)
    time.sleep(0.002)
print("%.1f" % ((time.perf_counter() - start) * 1000))
EOF

url=/kb/$page
# edit TOOL MARKER: one timed edit of the tool's copy of the entry.
edit() { python3 "$work/edit.py" "${port[$1]}" "$url" "${file[$1]}" "$work/$1.orig" "$2"; }
for t in $tools; do
	cp "${file[$t]}" "$work/$t.orig" # outside the watched folders
	echo "starting $t…" >&2
	${cmd[$t]} >"$work/$t.log" 2>&1 &
	pid[$t]=$!
done
for t in $tools; do
	for ((i = 0; ; i++)); do
		if python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:${port[$t]}$url', timeout=5)" 2>/dev/null; then break; fi
		kill -0 "${pid[$t]}" 2>/dev/null || { cat "$work/$t.log" >&2; die "$t stopped"; }
		((i < 1200)) || die "$t did not serve $url within 10 minutes"
		sleep 0.5
	done
	edit "$t" "Warmup${t//[^a-z0-9]/}" >/dev/null
	sleep 1
done

for ((i = 1; i <= edits; i++)); do
	for t in $tools; do
		echo "$t $(edit "$t" "Edit${i}x${t//[^a-z0-9]/}")" >>"$work/times"
		sleep 0.5 # let any work that follows the page settle
	done
done

rss() { awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }
rss_before=$(rss "${pid[agora]}")
for ((i = 1; i <= long; i++)); do
	edit agora "Long$i" >>"$work/long"
done
rss_after=$(rss "${pid[agora]}")
declare -A rss_end
for t in $tools; do rss_end[$t]=$(rss "${pid[$t]}"); done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
{
	echo "$(date -u +%F), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $entries entries;"
	echo "one edit of content/members/member-00001.md's body, from the write to the page served (polled every 2 ms), $edits edits per tool, alternating:"
	echo
	printf '%-16s %10s %8s %8s %10s\n' tool "median ms" "min ms" "max ms" "RSS MiB"
	for t in $tools; do
		awk -v t="$t" '$1 == t {print $2}' "$work/times" >"$work/$t.times"
		printf '%-16s %10s %8s %8s %10s\n' "$t" "$(median <"$work/$t.times")" "$(sort -n "$work/$t.times" | head -1)" \
			"$(sort -n "$work/$t.times" | tail -1)" "${rss_end[$t]}"
	done
	echo
	echo "agora serve, $long edits in a row (median $(median <"$work/long") ms each): RSS $rss_before MiB before, $rss_after MiB after" \
		"($(awk -v a="$rss_before" -v b="$rss_after" 'BEGIN {printf "%+.1f %%", (b - a) * 100 / a}'))"
} | tee "$work/report"

if $write; then
	results=$repo/bench/RESULTS.md
	touch "$results"
	# Replace the "## Serve" section (up to the next "## " heading), or
	# append it; other sections stay as they are.
	python3 - "$results" "$work/report" <<'EOF'
import sys
path, report = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
section = ("## Serve\n\n`bench/serve-compare.sh`: the time from writing one entry file to the live preview\n"
           "serving the changed page, Agora against `hugo server` on the same corpus, and the\n"
           "memory of a long editing session.\n\n```\n" + report.rstrip() + "\n```\n")
text = open(path, encoding="utf-8").read()
lines = text.split("\n")
start = next((i for i, l in enumerate(lines) if l.strip() == "## Serve"), None)
if start is None:
    text = (text.rstrip("\n") + "\n\n" if text.strip() else "") + section
else:
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    rest = "\n".join(lines[end:])
    text = "\n".join(lines[:start]).rstrip("\n") + "\n\n" + section + ("\n" + rest if rest.strip() else "")
open(path, "w", encoding="utf-8").write(text)
EOF
	echo "wrote the Serve section of $results" >&2
fi
