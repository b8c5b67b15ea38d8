package scaffold

import (
	"net/url"
	"strings"
)

// guarded are the files a change to which can undo the site's safety:
// site.toml can turn unsafe_html on, schema/ can drop a field's private
// flag, themes/ can add a script, the CI files decide what is checked and
// published, and the CODEOWNERS files say who reviews all of them.
var guarded = []string{"/site.toml", "/schema/", "/themes/", "/.github/", "/.gitlab-ci.yml", "/.gitlab/"}

// MaintainersTeam is the placeholder owner the CODEOWNERS files name:
// the team "maintainers" of the repository's owner (@OWNER/maintainers,
// an organization's team on GitHub, a subgroup on GitLab), or a
// placeholder to replace when the repository is not known.
func MaintainersTeam(repoURL string) string {
	u, err := url.Parse(repoURL)
	if err != nil || u.Host == "" {
		return "@YOUR-ORGANIZATION/maintainers"
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) < 2 || parts[0] == "" {
		return "@YOUR-ORGANIZATION/maintainers"
	}
	// GitLab groups nest: gitlab.com/network/mongolia/kb is owned by network/mongolia.
	return "@" + strings.Join(parts[:len(parts)-1], "/") + "/maintainers"
}

// CodeOwners is .github/CODEOWNERS and .gitlab/CODEOWNERS (each host
// reads its own folder first): the guarded files belong to the
// maintainers, so that a pull request changing them needs their review.
func CodeOwners(repoURL string) string {
	team := MaintainersTeam(repoURL)
	var b strings.Builder
	b.WriteString(`# Who must review a change to the files that keep the site safe.
#
# A pull request can change more than content: site.toml can turn
# unsafe_html on (raw HTML and scripts in entries), schema/ can remove a
# field's private flag (publishing phone numbers), themes/ can add a
# script to every page, and the CI files decide what is checked and
# published. These lines give those files to the maintainers.
#
# ` + team + ` is a placeholder: replace it with your maintainers' team
# (GitHub: an organization's team, @org/team; GitLab: a group or
# subgroup) or their user names (@ana @bat). Then require the owners'
# review: on GitHub, a branch protection rule or ruleset for the
# published branch with "Require review from Code Owners"; on GitLab,
# "Code owner approval" on the protected branch. See CONTRIBUTING.md.
`)
	for _, p := range guarded {
		b.WriteString(pad(p, 18) + team + "\n")
	}
	return b.String()
}

func pad(s string, n int) string {
	if len(s) >= n {
		return s + " "
	}
	return s + strings.Repeat(" ", n-len(s))
}

const reviewGuide = `
## Who reviews what

Anyone can propose a change to ` + "`content/`" + `. A few other files can undo
the site's safety for everyone, so a change to them waits for the
maintainers' review (` + "`.github/CODEOWNERS`" + ` and ` + "`.gitlab/CODEOWNERS`" + ` name them):

- ` + "`site.toml`" + `: ` + "`unsafe_html = true`" + ` lets entries hold raw HTML, scripts included;
- ` + "`schema/`" + `: removing ` + "`private = true`" + ` from a field (a phone number)
  publishes it on the site, in its search index and feeds;
- ` + "`themes/`" + `: a script added to a template runs on every page, for every reader;
- the CI files (` + "`.github/`" + `, ` + "`.gitlab-ci.yml`" + `): they decide what is checked and published.

The automatic check of a pull request also points these changes out
(` + "`agora check --changed-since`" + `), on the line that makes them.
`
