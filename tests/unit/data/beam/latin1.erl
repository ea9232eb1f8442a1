%% latin1 - its atom table is rewritten as an old "Atom" chunk (Latin-1),
%% which OTP 20 and earlier wrote, by gen.sh.
-module(latin1).
-export(['café'/0, naïve/1]).

'café'() ->
	'Ünïcödé'.

naïve(X) ->
	lists:sort(X).
