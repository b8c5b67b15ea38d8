package markdown

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"
)

// benchDoc is a realistic knowledge-base page of about 3 KB.
const benchDoc = `# Running a community seed library

A seed library lends seeds the way a book library lends books: members take
seeds in spring and bring back seeds from their best plants in autumn. This
guide collects what the **Riverside** and *Hill Street* groups learnt in
their first three seasons. See also [storage](../storage/) and the
[glossary](/glossary/#seed-saving).

## Before you start

You need three things:

1. A dry, cool place to keep the collection — a cupboard is enough.
2. Envelopes, labels and a pencil (ink runs when it gets damp).
3. A list of members with a way to reach them, such as <hello@example.org>.

> Start small. Ten varieties that people actually grow beat a hundred that
> nobody asks for.

### Choosing varieties

- [x] Beans and peas: self-pollinating, easy to save true to type
- [x] Tomatoes: easy, but ferment the seeds first
- [ ] Squash: cross-pollinates, needs isolation or hand pollination
- [ ] Brassicas: need many plants to avoid inbreeding

## Keeping records

Every packet gets a line in the register. Keep it in a spreadsheet and
export it as CSV once a month so that more than one person has a copy.

| Variety       | Crop   | Donor   | Year | Germination |
|:--------------|:-------|:--------|-----:|------------:|
| Cherokee Trail | bean  | Amara   | 2023 |         92% |
| Black Krim    | tomato | Bolat   | 2024 |         88% |
| Musque de Provence | squash | Chenda | 2022 | 61% |
| Red Russian   | kale   | Dolores | 2024 |         95% |

A germination test is ten seeds on a damp paper towel in a jar; count the
sprouts after a week. Anything under 70% goes back to the grow-out list[^1].

### Checking the register

The treasurer wrote a small script that flags old or weak lots:

` + "```python" + `
import csv

def weak_lots(path, min_rate=0.7, max_age=3, year=2025):
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            rate = float(row["Germination"].rstrip("%")) / 100
            if rate < min_rate or year - int(row["Year"]) > max_age:
                yield row["Variety"], rate
` + "```" + `

Run it with ` + "`python check.py register.csv`" + ` and post the list in the
group chat before the spring swap.

## Swap days

Hold two swaps a year. Bring a table, the register and spare envelopes.
New members often arrive with nothing to give; that is fine — ask them to
bring back seed from one plant in autumn. Post the date at
https://example.org/events and in the ~~newsletter~~ group chat.

### Who does what

Coordinator
: keeps the register and the keys

The roles above are a suggestion, not a rule; rotate them each season so
no one burns out.

[^1]: Some varieties, like parsnips, lose viability after a single year.
`

func BenchmarkRender(b *testing.B) {
	r := New()
	src := []byte(benchDoc)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Render(src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderPlainCode is BenchmarkRender with the code block left
// unhighlighted, to show what chroma costs.
func BenchmarkRenderPlainCode(b *testing.B) {
	r := New()
	src := []byte(strings.Replace(benchDoc, "```python", "```", 1))
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Render(src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderUniqueCode is BenchmarkRender with a code block the
// renderer has not highlighted before in every iteration, so that
// chroma runs each time as it does for code a site does not repeat.
func BenchmarkRenderUniqueCode(b *testing.B) {
	r := New()
	b.SetBytes(int64(len(benchDoc)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		src := []byte(strings.Replace(benchDoc, "import csv", "import csv # "+strconv.Itoa(i), 1))
		if _, err := r.Render(src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderCorpus renders a sample of the benchmark corpus's entry
// bodies (one file in 250, front matter removed), the mix a build sees.
func BenchmarkRenderCorpus(b *testing.B) {
	r := New()
	bodies := corpusSample(b)
	var size int64
	for _, src := range bodies {
		size += int64(len(src))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range bodies {
			if _, err := r.Render(src); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// corpusSample returns the bodies in testdata/corpus-sample.txt, where
// each starts with a line "%%%% <file it came from>".
func corpusSample(tb testing.TB) [][]byte {
	data, err := os.ReadFile("testdata/corpus-sample.txt")
	if err != nil {
		tb.Fatal(err)
	}
	var bodies [][]byte
	for _, part := range bytes.Split(data, []byte("%%%% "))[1:] {
		_, body, _ := bytes.Cut(part, []byte("\n"))
		bodies = append(bodies, body)
	}
	return bodies
}
