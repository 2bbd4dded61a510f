// Crash pattern NIL001 deref-after-nil-check.
//
// A pointer is compared with nil, but the nil branch only logs (or counts, or
// sets a status) and then falls through. The very next line dereferences the
// pointer anyway, so the check documents the nil case and then crashes on it:
//
//	panic: runtime error: invalid memory address or nil pointer dereference
//
// 检查了 nil,却没有 return:日志打完之后照样解引用,进程照样崩溃。
package nilderef

import (
	"errors"
	"fmt"
	"log"
)

type User struct {
	ID      int
	Name    string
	Email   string
	Manager *User
}

// directory stands in for a database: a missing id yields a nil *User.
var directory = map[int]*User{
	1: {ID: 1, Name: "Ada", Email: "ada@example.com"},
	2: {ID: 2, Name: "王小明", Email: "xiaoming@example.com"},
}

func Lookup(id int) *User {
	return directory[id]
}

// DisplayName logs the missing user and then reads its name anyway.
func DisplayName(u *User) string {
	if u == nil {
		log.Print("no user 🙈") // faultline: ESC003
	}
	return "👤 " + u.Name // faultline: NIL001
}

// Greeting: the lookup can miss; the message is logged, the deref still runs.
func Greeting(id int) string {
	u := Lookup(id)
	if u == nil {
		log.Printf("用户 %d 不存在", id) // faultline: ESC003
	}
	return fmt.Sprintf("你好, %s 👋", u.Name) // faultline: NIL001
}

// ManagerEmail checks the manager, records the problem, and carries on.
func ManagerEmail(u *User) (string, error) {
	var problem error
	m := u.Manager
	if m == nil {
		problem = errors.New("no manager")
	}
	email := m.Email // faultline: NIL001
	return email, problem
}

// Remaining dereferences with `*p` after a nil check that does not leave.
func Remaining(quota *int) int {
	if quota == nil {
		log.Print("quota not set") // faultline: ESC003
	}
	return *quota - 1 // faultline: NIL001
}
