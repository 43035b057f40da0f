
q
&google/protobuf/unstable_edition.protounstable.test"+
Thing
id (Rid
name (	RnamebeditionspèN