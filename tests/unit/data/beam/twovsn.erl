%% twovsn - -vsn twice: beam_lib:version/1 appends the two values.
-module(twovsn).
-vsn("1.0").
-vsn(2).
-export([f/0]).

f() ->
	ok.
