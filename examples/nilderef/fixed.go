// The same lookups written safely: none of these is reported.
//
// The nil branch leaves (return, panic, continue), replaces the pointer, or
// the dereference is guarded by && / || in the same condition.
package nilderef

import "log"

var guest = User{Name: "guest"}

func DisplayNameOrGuest(u *User) string { // faultline: ESC006
	if u == nil {
		return "guest"
	}
	return u.Name
}

func DisplayNameDefault(u *User) string {
	if u == nil {
		log.Print("no user, using guest 🙂") // faultline: ESC003
		u = &guest
	}
	return u.Name
}

func HasEmail(u *User) bool {
	return u != nil && u.Email != ""
}

func IsAnonymous(u *User) bool {
	return u == nil || u.Name == ""
}

func MustLookup(id int) *User {
	u := Lookup(id)
	if u == nil {
		panic("用户不存在: lookup of a required user failed") // faultline: ESC003
	}
	log.Print("found ", u.Name) // faultline: ESC003
	return u
}

func Names(ids []int) []string {
	var names []string
	for _, id := range ids {
		u := Lookup(id)
		if u == nil {
			continue
		}
		names = append(names, u.Name)
	}
	return names
}
