package flagged

import (
	"fmt"
	"log"
)

type User struct {
	Name string
	Tags []string
}

func (u *User) Greet() string { return "こんにちは " + u.Name }

// 用户 😀: the nil branch only logs, then falls through.
func logsThenUses(u *User) string {
	if u == nil {
		log.Print("no user 🙈 ユーザーなし")
	}
	return u.Name // want NIL001 "can still be nil"
}

func notEqualWithoutElse(u *User) {
	if u != nil {
		fmt.Println("hello", u.Name)
	}
	fmt.Println(u.Tags) // want NIL001 "no branch for nil"
}

func derefInNilBranch(u *User) string {
	if u == nil {
		return "名前: " + u.Name // want NIL001 "always nil"
	}
	return ""
}

func derefInElse(u *User) string {
	if u != nil {
		return u.Name
	} else {
		return u.Greet() // want NIL001 "method call"
	}
}

func star(p *int) int {
	if p == nil {
		fmt.Println("😀 nil")
	}
	return *p // want NIL001 "dereference"
}

func index(p *[4]int) int {
	if p == nil {
		fmt.Println("空")
	}
	return p[0] // want NIL001 "index"
}

func andWrong(u *User) bool {
	return u == nil && u.Name == "" // want NIL001 "right side of `&&`"
}

func orWrong(u *User) bool {
	return u != nil || u.Name == "" // want NIL001 "right side of `||`"
}

func elseIfChain(u *User, verbose bool) string {
	if verbose {
		fmt.Println("詳細")
	} else if u == nil {
		fmt.Println("no user")
	}
	return u.Name // want NIL001
}

func nestedThenAfter(u *User, debug bool) string {
	if debug {
		if u == nil {
			log.Printf("debug: nil user %s", "🐛")
		}
	}
	return u.Name // want NIL001
}

func tagSwitch(u *User) {
	switch u {
	case nil:
		fmt.Println(u.Name) // want NIL001 "always nil"
	}
}

func tagless(u *User, n int) string {
	switch {
	case u == nil:
		log.Print("nobody")
	case n > 3:
		return "many"
	}
	return u.Name // want NIL001 "can still be nil"
}

func breakInCase(u *User) string {
	switch {
	case u == nil:
		break
	}
	return u.Name // want NIL001
}

func laterInLoop(u *User, items []string) {
	if u == nil {
		log.Print("👻")
	}
	for _, it := range items {
		u.Tags = append(u.Tags, it) // want NIL001
	}
}

func ifaceErr(err error) string {
	if err == nil {
		return err.Error() // want NIL001 "always nil"
	}
	return ""
}

func shortVar(load func() *User) string {
	u := load()
	if u == nil {
		fmt.Println("missing")
	}
	return u.Name // want NIL001
}
