%% sensor_sup - the top supervisor of sensor 3.0: the supervisor of the
%% included application sensorlog (new in 3.0), the counter, the
%% statistics server and the plain looping process.
-module(sensor_sup).
-behaviour(supervisor).
-vsn("3.0").
-export([start_link/0, init/1]).
-export([sup_upgrade_notify/2, sup_downgrade_notify/2]).

%% The children that appeared after 1.0, and the version that added each.
-define(ADDED, [{sensor_stats, "2.0"}, {sensorlog_sup, "3.0"}]).

start_link() ->
    supervisor:start_link({local, ?MODULE}, ?MODULE, []).

%% Every child is here, for a cold start; an upgrade gets the new ones
%% through {update, sensor_sup, supervisor} (which only records their
%% specs), then sup_upgrade_notify/2 (which starts them). The log starts
%% first, so that it stops last.
init([]) ->
    {ok, {#{strategy => one_for_one, intensity => 5, period => 10},
          [#{id => sensorlog_sup,
             start => {sensorlog_sup, start_link, []},
             type => supervisor,
             modules => [sensorlog_sup]},
           #{id => sensor_srv,
             start => {sensor_srv, start_link, []},
             modules => [sensor_srv]},
           #{id => sensor_stats,
             start => {sensor_stats, start_link, []},
             modules => [sensor_stats]},
           #{id => sensor_loop,
             start => {sensor_loop, start_link, []},
             modules => [sensor_loop]}]}}.

%% sup_upgrade_notify(OldVsn, NewVsn): called after the supervisor has
%% taken this version's child specs: start the children not running yet.
sup_upgrade_notify(_OldVsn, _NewVsn) ->
    lists:foreach(fun({Id, undefined, _Type, _Mods}) ->
                          {ok, _} = supervisor:restart_child(?MODULE, Id);
                     (_) ->
                          ok
                  end, supervisor:which_children(?MODULE)).

%% sup_downgrade_notify(Vsn1, Vsn2): called, still in this code, before the
%% supervisor is downgraded: stop and forget the children that the earlier
%% of the two versions does not have (the supervisor's code_change would
%% keep them). Either order of the two versions will do.
sup_downgrade_notify(Vsn1, Vsn2) ->
    To = min(vsn(Vsn1), vsn(Vsn2)),
    lists:foreach(fun({Id, Since}) when To < Since ->
                          _ = supervisor:terminate_child(?MODULE, Id),
                          _ = supervisor:delete_child(?MODULE, Id);
                     (_) ->
                          ok
                  end, [{Id, vsn(Since)} || {Id, Since} <- ?ADDED]).

%% vsn("2.10") -> [2, 10], so that versions compare as Erlang terms.
vsn(Vsn) ->
    [list_to_integer(Part) || Part <- string:lexemes(Vsn, ".")].
