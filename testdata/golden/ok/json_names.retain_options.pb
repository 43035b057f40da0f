
�
json_names.protofixtures.json"�
Names
simple (Rsimple
	two_words (RtwoWords&
three_word_name (RthreeWordName
x_y_z (RxYZ
	trailing_ (Rtrailing'
__double_leading (RDoubleLeading 
with_9_digit (R
with9Digit
UPPER (RUPPER
	camelCase	 (R	camelCase
custom
 (Rrenamed
custom_empty_like (Rx!
custom_escape (R
with"quote#
custom_unicode (Rünïcödé
custom_same (R
customSamebproto3