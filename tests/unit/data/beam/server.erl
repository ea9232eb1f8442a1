%% server - a gen_server with code_change/3, a fun and literals; no -vsn,
%% so the compiler puts the module's MD5 there.
-module(server).
-behaviour(gen_server).
-export([start_link/0, init/1, handle_call/3, handle_cast/2,
	code_change/3]).

start_link() ->
	gen_server:start_link({local, ?MODULE}, ?MODULE, [], []).

init([]) ->
	{ok, #{count => 0, names => [alpha, beta, gamma]}}.

handle_call(get, _From, State) ->
	{reply, maps:get(count, State), State};
handle_call({map, L}, _From, State) ->
	{reply, lists:map(fun(X) -> X * 2 end, L), State}.

handle_cast(bump, #{count := N} = State) ->
	{noreply, State#{count := N + 1}}.

code_change(_OldVsn, State, _Extra) ->
	{ok, State}.
