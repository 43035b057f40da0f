
d
upb/unstable_edition.protounstable.upb"+
Thing
id (Rid
name (	RnamebeditionspN