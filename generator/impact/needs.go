package impact

import (
	"cmp"
	"slices"
)

// Needs is how many of the needs members state (one member, one topic)
// a done exchange has covered: one on that topic with that member among
// its recipients.
type Needs struct {
	Stated, Met int
	ByTopic     []TopicNeeds // the topics of the most stated needs first
}

// TopicNeeds is the needs stated and met for one topic.
type TopicNeeds struct {
	Topic       string
	Stated, Met int
}

// Share is the part of the stated needs that were met, 0 to 1.
func (n Needs) Share() float64 { return share(n.Met, n.Stated) }

func share(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return float64(part) / float64(whole)
}

// NeedsMet counts the stated needs and those a done exchange met.
func NeedsMet(in Input) Needs {
	met := map[[2]string]bool{} // member, topic
	for _, x := range in.Exchanges {
		if x.Status != "done" {
			continue
		}
		for _, r := range x.Recipients {
			met[[2]string{r, x.Topic}] = true
		}
	}
	var out Needs
	byTopic := map[string]*TopicNeeds{}
	for _, m := range in.Members {
		for _, topic := range uniq(m.Needs) {
			t := byTopic[topic]
			if t == nil {
				t = &TopicNeeds{Topic: topic}
				byTopic[topic] = t
			}
			t.Stated++
			out.Stated++
			if met[[2]string{m.Slug, topic}] {
				t.Met++
				out.Met++
			}
		}
	}
	for _, t := range byTopic {
		out.ByTopic = append(out.ByTopic, *t)
	}
	slices.SortFunc(out.ByTopic, func(a, b TopicNeeds) int {
		return cmp.Or(cmp.Compare(b.Stated, a.Stated), cmp.Compare(b.Met, a.Met), cmp.Compare(a.Topic, b.Topic))
	})
	return out
}

// DoneTopics are the topics of the done exchanges, each once: a topic
// someone needs and nobody offers is unmet only if it is not among them.
func DoneTopics(exchanges []Exchange) map[string]bool {
	out := map[string]bool{}
	for _, x := range exchanges {
		if x.Status == "done" {
			out[x.Topic] = true
		}
	}
	return out
}

// uniq is list without repeats, in order.
func uniq(list []string) []string {
	out := list[:0:0]
	for _, s := range list {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
