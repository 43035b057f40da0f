
f
,test_messages_edition_unstable_allowed.prototest_messages_unstable"
M
a (RabeditionspN